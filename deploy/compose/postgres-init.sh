#!/usr/bin/env bash
# Run once by the postgres image, on an empty data directory: what deploy/local/servers.sh ensure-db does for the
# launcher. The role DB_USER (LOGIN, password DB_PASSWORD) and each database in DATABASES, owned by it; the services
# create their own tables at start (event-store's SchemaInitializer runs db/*.sql). All three come from compose.yaml.
set -euo pipefail

psql -v ON_ERROR_STOP=1 -X -q --username "$POSTGRES_USER" --dbname postgres \
  -v role="$DB_USER" -v password="$DB_PASSWORD" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
SQL

for db in $DATABASES; do
  psql -v ON_ERROR_STOP=1 -X -q --username "$POSTGRES_USER" --dbname postgres \
    -v role="$DB_USER" -v db="$db" <<'SQL'
CREATE DATABASE :"db" OWNER :"role";
SQL
done
