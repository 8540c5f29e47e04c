-- Runs once, when the compose PostgreSQL volume is first created. One database per service, each
-- owned by its own login role with CONNECT revoked from everyone else, so no service can read another
-- service's tables. Names match the local infrastructure (tools/infra/settings.ts).
-- The passwords are for the compose stack on a developer's machine only.

CREATE ROLE identity LOGIN PASSWORD 'identity';
CREATE DATABASE mogul_identity OWNER identity;
REVOKE CONNECT ON DATABASE mogul_identity FROM PUBLIC;

CREATE ROLE listings LOGIN PASSWORD 'listings';
CREATE DATABASE mogul_listings OWNER listings;
REVOKE CONNECT ON DATABASE mogul_listings FROM PUBLIC;

CREATE ROLE products LOGIN PASSWORD 'products';
CREATE DATABASE mogul_products OWNER products;
REVOKE CONNECT ON DATABASE mogul_products FROM PUBLIC;

CREATE ROLE orders LOGIN PASSWORD 'orders';
CREATE DATABASE mogul_orders OWNER orders;
REVOKE CONNECT ON DATABASE mogul_orders FROM PUBLIC;

CREATE ROLE payouts LOGIN PASSWORD 'payouts';
CREATE DATABASE mogul_payouts OWNER payouts;
REVOKE CONNECT ON DATABASE mogul_payouts FROM PUBLIC;
