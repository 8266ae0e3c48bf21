CREATE TABLE IF NOT EXISTS books (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL,
    topic       TEXT    NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    stock       INTEGER NOT NULL CHECK (stock >= 0),
    version     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS books_by_topic ON books (topic, id);
-- One row per applied purchase, so a purchase repeated with the same key is answered, not applied again.
CREATE TABLE IF NOT EXISTS purchases (
    purchase_key     TEXT    PRIMARY KEY,
    book_id          INTEGER NOT NULL,
    quantity         INTEGER NOT NULL,
    unit_price_cents INTEGER NOT NULL,
    remaining_stock  INTEGER NOT NULL,
    book_version     INTEGER NOT NULL
);
-- One row per purchase key cancelled before any purchase applied it (an order replica settling a pending
-- order): a purchase that arrives later with that key is refused, so a cancelled order never takes stock.
CREATE TABLE IF NOT EXISTS cancelled_purchases (
    purchase_key TEXT PRIMARY KEY,
    cancelled_at TEXT NOT NULL
);
