CREATE TABLE IF NOT EXISTS error_log (
    id          IDENTITY PRIMARY KEY,
    event_id    VARCHAR(64)   NOT NULL UNIQUE,
    service     VARCHAR(64),
    message     CLOB,
    collector   VARCHAR(64)   NOT NULL,
    received_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS stock (
    sku       VARCHAR(32) PRIMARY KEY,
    available INT         NOT NULL
);

CREATE TABLE IF NOT EXISTS orders (
    id       VARCHAR(64)    PRIMARY KEY,
    sku      VARCHAR(32)    NOT NULL,
    quantity INT            NOT NULL,
    amount   DECIMAL(12, 2) NOT NULL,
    card     VARCHAR(32)    NOT NULL,
    reserved BOOLEAN        NOT NULL,
    charged  BOOLEAN        DEFAULT FALSE NOT NULL,
    status   VARCHAR(16)    NOT NULL,
    reason   VARCHAR(64),
    saga_id  VARCHAR(255)
);

CREATE TABLE IF NOT EXISTS order_history (
    id       IDENTITY PRIMARY KEY,
    order_id VARCHAR(64) NOT NULL,
    event    VARCHAR(32) NOT NULL
);

CREATE TABLE IF NOT EXISTS saga_callbacks (
    id       IDENTITY PRIMARY KEY,
    order_id VARCHAR(64) NOT NULL,
    callback VARCHAR(32) NOT NULL,
    attempt  INT         NOT NULL
);
