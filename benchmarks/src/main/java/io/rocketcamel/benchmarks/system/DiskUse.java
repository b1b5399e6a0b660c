package io.rocketcamel.benchmarks.system;

import java.nio.file.Path;

import org.apache.rocketmq.common.UtilAll;

/**
 * How full the store's file system is, as RocketMQ measures it (used over used plus what an unprivileged user may
 * still write): over 85% a broker that allows it deletes commit-log files whether they were read or not, over 90% it
 * refuses messages.
 *
 * @param stage when in the run: "at the start", "after sync-1", ...
 */
public record DiskUse(String stage, double usedPercent) {

    public static DiskUse of(String stage, Path path) {
        return new DiskUse(stage, usedPercent(path));
    }

    /** The file system's use now, in percent; negative when RocketMQ could not measure it. */
    public static double usedPercent(Path path) {
        return UtilAll.getDiskPartitionSpaceUsedPercent(path.toString()) * 100;
    }
}
