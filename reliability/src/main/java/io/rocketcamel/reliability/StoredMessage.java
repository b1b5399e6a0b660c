package io.rocketcamel.reliability;

/** A message read back from a broker's store: its id (the body the sender gave it) and where it is stored. */
record StoredMessage(String id, String broker, int queue, long offset) {
}
