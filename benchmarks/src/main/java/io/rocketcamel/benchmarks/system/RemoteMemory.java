package io.rocketcamel.benchmarks.system;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * Another JVM's {@link Memory}: RSS from its {@code /proc/<pid>/status}, heap and direct buffers from its own
 * management agent, which attaching once starts. Not {@code jcmd} or {@code jstat} per sample: each starts a JVM of
 * its own, about half a second of CPU, which four samples a second on two cores would take from the measured app.
 */
public final class RemoteMemory implements AutoCloseable {

    private final Path proc;
    private final Path storeDir;
    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final BufferPoolMXBean direct;

    private RemoteMemory(long pid, JMXConnector connector, Path storeDir) throws IOException {
        this.proc = Path.of("/proc", String.valueOf(pid));
        this.storeDir = storeDir;
        this.connector = connector;
        MBeanServerConnection server = connector.getMBeanServerConnection();
        this.memory = ManagementFactory.getPlatformMXBean(server, MemoryMXBean.class);
        this.direct = ManagementFactory.getPlatformMXBeans(server, BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
    }

    /** @param storeDir the child's broker store, whose mapped files are counted; may be null */
    public static RemoteMemory attach(long pid, Path storeDir) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IOException("Cannot attach to JVM " + pid + ": " + e.getMessage(), e);
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        try {
            return new RemoteMemory(pid, connector, storeDir);
        } catch (IOException | RuntimeException e) {
            connector.close();
            throw e;
        }
    }

    /** @throws java.lang.reflect.UndeclaredThrowableException when the JVM is gone */
    public Memory now() {
        return Memory.of(proc, memory.getHeapMemoryUsage(), direct.getMemoryUsed(), storeDir);
    }

    /** Without the store's mappings: cheap enough to sample often. */
    public Memory sample() {
        return Memory.of(proc, memory.getHeapMemoryUsage(), direct.getMemoryUsed(), null);
    }

    /** A full GC in that JVM, as {@code jcmd <pid> GC.run} would do. */
    public void gc() {
        memory.gc();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
