-- The demo's source table in the local PostgreSQL. Every insert or update takes the next version; REPLICA IDENTITY
-- FULL puts the whole old row into the log, so UPDATE and DELETE events carry a complete "before".
CREATE SEQUENCE IF NOT EXISTS product_versions;

CREATE TABLE IF NOT EXISTS products (
    id          BIGINT PRIMARY KEY,
    name        VARCHAR(128)   NOT NULL,
    price       NUMERIC(12, 2) NOT NULL,
    stock       INTEGER        NOT NULL,
    description TEXT,
    version     BIGINT         NOT NULL
);

ALTER TABLE products REPLICA IDENTITY FULL;
