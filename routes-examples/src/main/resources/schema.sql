CREATE TABLE IF NOT EXISTS error_log (
    id          IDENTITY PRIMARY KEY,
    event_id    VARCHAR(64)   NOT NULL,
    service     VARCHAR(64),
    message     VARCHAR(1024),
    collector   VARCHAR(64)   NOT NULL,
    received_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS products (
    id    BIGINT PRIMARY KEY,
    name  VARCHAR(128)  NOT NULL,
    price DECIMAL(12, 2) NOT NULL,
    stock INT           NOT NULL
);

CREATE TABLE IF NOT EXISTS outbox (
    seq        IDENTITY PRIMARY KEY,
    change_key VARCHAR(256) NOT NULL,
    pk         VARCHAR(64)  NOT NULL,
    payload    CLOB         NOT NULL,
    published  BOOLEAN DEFAULT FALSE NOT NULL
);
