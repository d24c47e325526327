-- customer-service query tables and keys. Idempotent; statements separated by '--;;' lines.
-- One AES-256 key per person (contact or staff member). Deleting the row erases their personal data everywhere:
-- the event rows keep only ciphertext (crypto-shredding), so history and hash chains stay intact.
CREATE TABLE IF NOT EXISTS personal_data_key (
    subject_id uuid        PRIMARY KEY,
    key_bytes  bytea       NOT NULL,
    created_at timestamptz NOT NULL
)
--;;
-- Query views, updated in the same transaction as their stream's events (inline projections). `document` is the
-- API representation without personal data; personal data is decrypted from the stream on single reads.
CREATE TABLE IF NOT EXISTS customer_view (
    id            uuid        PRIMARY KEY,
    name          text        NOT NULL,
    status        text        NOT NULL,
    owner_id      uuid        NOT NULL,
    registered_at timestamptz NOT NULL,
    version       bigint      NOT NULL,
    document      jsonb       NOT NULL
)
--;;
CREATE INDEX IF NOT EXISTS customer_view_owner ON customer_view (owner_id)
--;;
CREATE INDEX IF NOT EXISTS customer_view_list ON customer_view (registered_at DESC, id DESC)
--;;
CREATE TABLE IF NOT EXISTS staff_view (
    id        uuid        PRIMARY KEY,
    team_id   uuid,
    status    text        NOT NULL,
    joined_at timestamptz NOT NULL,
    version   bigint      NOT NULL,
    document  jsonb       NOT NULL
)
--;;
CREATE TABLE IF NOT EXISTS team_view (
    id         uuid        PRIMARY KEY,
    manager_id uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    version    bigint      NOT NULL,
    document   jsonb       NOT NULL
)
--;;
CREATE TABLE IF NOT EXISTS handover_view (
    id        uuid        PRIMARY KEY,
    staff_id  uuid        NOT NULL,
    status    text        NOT NULL,
    opened_at timestamptz NOT NULL,
    version   bigint      NOT NULL,
    document  jsonb       NOT NULL
)
--;;
-- Every deal event of an owner asks whether that owner has a handover (deals learned of late join it).
CREATE INDEX IF NOT EXISTS handover_view_staff ON handover_view (staff_id)
--;;
-- What customer-service knows of deals, from deal-events: who owns each and whether it is open.
CREATE TABLE IF NOT EXISTS deal_ref (
    id          uuid   PRIMARY KEY,
    customer_id uuid,
    owner_id    uuid,
    status      text,
    version     bigint NOT NULL
)
--;;
CREATE INDEX IF NOT EXISTS deal_ref_owner ON deal_ref (owner_id, status)
--;;
-- Account team members of each customer, so a rep's list shows the accounts they work on without owning them.
CREATE TABLE IF NOT EXISTS customer_team_member (
    customer_id uuid NOT NULL REFERENCES customer_view (id),
    staff_id    uuid NOT NULL,
    PRIMARY KEY (customer_id, staff_id)
)
--;;
CREATE INDEX IF NOT EXISTS customer_team_member_staff ON customer_team_member (staff_id)
