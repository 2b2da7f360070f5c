-- Fleet's schema (Kolide Fleet 3.2.0 tables, plus file carving). One dialect for MariaDB 10.11 and H2 2.x in
-- MODE=MySQL: no UNSIGNED, no JSON type (JSON is LONGTEXT), timestamps are DATETIME(6) holding UTC.
-- Secrets and keys compare byte for byte (utf8mb4_bin, a PAD SPACE collation: trailing spaces aside, which random
-- keys never have); names follow the table collation (case-insensitive on MariaDB, as in Kolide Fleet). H2
-- accepts the COLLATE clauses and compares case-sensitively everywhere.
-- Index and constraint names carry their table's name because H2 keeps them in one namespace per schema.

CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  username VARCHAR(255) NOT NULL,
  name VARCHAR(255) NOT NULL DEFAULT '',
  email VARCHAR(255) NOT NULL,
  password_hash VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  role VARCHAR(32) NOT NULL,
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  admin_forced_password_reset BOOLEAN NOT NULL DEFAULT FALSE,
  sso_enabled BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (id),
  UNIQUE KEY idx_users_username (username),
  UNIQUE KEY idx_users_email (email),
  CONSTRAINT chk_users_role CHECK (role IN ('admin', 'observer'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sessions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL,
  accessed_at DATETIME(6) NOT NULL,
  user_id BIGINT NOT NULL,
  session_key VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY idx_sessions_session_key (session_key),
  KEY idx_sessions_user_id (user_id),
  KEY idx_sessions_accessed_at (accessed_at),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE invites (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL,
  invited_by BIGINT NULL,
  email VARCHAR(255) NOT NULL,
  name VARCHAR(255) NOT NULL DEFAULT '',
  position VARCHAR(255) NOT NULL DEFAULT '',
  role VARCHAR(32) NOT NULL,
  sso_enabled BOOLEAN NOT NULL DEFAULT FALSE,
  token VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY idx_invites_email (email),
  UNIQUE KEY idx_invites_token (token),
  CONSTRAINT fk_invites_invited_by FOREIGN KEY (invited_by) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT chk_invites_role CHECK (role IN ('admin', 'observer'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE password_reset_requests (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  user_id BIGINT NOT NULL,
  token VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY idx_password_reset_requests_token (token),
  KEY idx_password_reset_requests_user_id (user_id),
  CONSTRAINT fk_password_reset_requests_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Exactly one row (id 1), seeded by V2.
CREATE TABLE app_configs (
  id INT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  org_name VARCHAR(255) NOT NULL DEFAULT '',
  org_logo_url VARCHAR(1024) NOT NULL DEFAULT '',
  server_url VARCHAR(1024) NOT NULL DEFAULT '',
  host_expiry_enabled BOOLEAN NOT NULL DEFAULT FALSE,
  host_expiry_window_days INT NOT NULL DEFAULT 0,
  live_query_disabled BOOLEAN NOT NULL DEFAULT FALSE,
  additional_queries LONGTEXT NULL,
  PRIMARY KEY (id),
  CONSTRAINT chk_app_configs_single_row CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Never deleted, only deactivated: hosts keep the name of the secret they enrolled with.
CREATE TABLE enroll_secrets (
  name VARCHAR(255) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  secret VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  PRIMARY KEY (name),
  UNIQUE KEY idx_enroll_secrets_secret (secret)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- override_type 'default' (identifier '') or 'platform' (identifier = osquery platform); options is the
-- osquery config JSON ({"options":{..},"decorators":{..}}).
CREATE TABLE osquery_options (
  id BIGINT NOT NULL AUTO_INCREMENT,
  override_type VARCHAR(32) NOT NULL,
  override_identifier VARCHAR(255) NOT NULL DEFAULT '',
  options LONGTEXT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY idx_osquery_options_override (override_type, override_identifier),
  CONSTRAINT chk_osquery_options_type CHECK (override_type IN ('default', 'platform'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Hot paths: lookup by node_key at every check-in, upsert by osquery_host_id at enrollment, seen_time for
-- status filters and expiry, created_at for "new" hosts and incoming-host cleanup.
-- uptime is in nanoseconds (Kolide Fleet stored a Go time.Duration).
CREATE TABLE hosts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  osquery_host_id VARCHAR(255) NOT NULL,
  node_key VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  enroll_secret_name VARCHAR(255) NOT NULL DEFAULT '',
  detail_updated_at DATETIME(6) NOT NULL,
  label_updated_at DATETIME(6) NOT NULL,
  seen_time DATETIME(6) NOT NULL,
  hostname VARCHAR(255) NOT NULL DEFAULT '',
  uuid VARCHAR(255) NOT NULL DEFAULT '',
  platform VARCHAR(255) NOT NULL DEFAULT '',
  platform_like VARCHAR(255) NOT NULL DEFAULT '',
  osquery_version VARCHAR(255) NOT NULL DEFAULT '',
  os_version VARCHAR(255) NOT NULL DEFAULT '',
  build VARCHAR(255) NOT NULL DEFAULT '',
  code_name VARCHAR(255) NOT NULL DEFAULT '',
  uptime BIGINT NOT NULL DEFAULT 0,
  physical_memory BIGINT NOT NULL DEFAULT 0,
  cpu_type VARCHAR(255) NOT NULL DEFAULT '',
  cpu_subtype VARCHAR(255) NOT NULL DEFAULT '',
  cpu_brand VARCHAR(255) NOT NULL DEFAULT '',
  cpu_physical_cores INT NOT NULL DEFAULT 0,
  cpu_logical_cores INT NOT NULL DEFAULT 0,
  hardware_vendor VARCHAR(255) NOT NULL DEFAULT '',
  hardware_model VARCHAR(255) NOT NULL DEFAULT '',
  hardware_version VARCHAR(255) NOT NULL DEFAULT '',
  hardware_serial VARCHAR(255) NOT NULL DEFAULT '',
  computer_name VARCHAR(255) NOT NULL DEFAULT '',
  primary_ip VARCHAR(45) NOT NULL DEFAULT '',
  primary_mac VARCHAR(17) NOT NULL DEFAULT '',
  distributed_interval INT NOT NULL DEFAULT 0,
  config_tls_refresh INT NOT NULL DEFAULT 0,
  logger_tls_period INT NOT NULL DEFAULT 0,
  additional LONGTEXT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY idx_hosts_osquery_host_id (osquery_host_id),
  UNIQUE KEY idx_hosts_node_key (node_key),
  KEY idx_hosts_seen_time (seen_time),
  KEY idx_hosts_created_at (created_at),
  KEY idx_hosts_hostname (hostname),
  KEY idx_hosts_uuid (uuid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- platform '' = every platform. updated_at moves whenever the query changes, which is how hosts learn to
-- re-run it before their label_updated_at goes stale.
CREATE TABLE labels (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  name VARCHAR(255) NOT NULL,
  description TEXT NOT NULL,
  query TEXT NOT NULL,
  platform VARCHAR(255) NOT NULL DEFAULT '',
  label_type VARCHAR(32) NOT NULL,
  label_membership_type VARCHAR(32) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY idx_labels_name (name),
  KEY idx_labels_updated_at (updated_at),
  CONSTRAINT chk_labels_type CHECK (label_type IN ('builtin', 'regular')),
  CONSTRAINT chk_labels_membership_type CHECK (label_membership_type IN ('dynamic', 'manual'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE label_membership (
  host_id BIGINT NOT NULL,
  label_id BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (host_id, label_id),
  KEY idx_label_membership_label_id (label_id, host_id),
  CONSTRAINT fk_label_membership_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE CASCADE,
  CONSTRAINT fk_label_membership_label FOREIGN KEY (label_id) REFERENCES labels (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Live queries are stored with saved = FALSE.
CREATE TABLE queries (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  saved BOOLEAN NOT NULL DEFAULT FALSE,
  name VARCHAR(255) NOT NULL,
  description TEXT NOT NULL,
  query TEXT NOT NULL,
  author_id BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY idx_queries_name (name),
  CONSTRAINT fk_queries_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE packs (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  name VARCHAR(255) NOT NULL,
  description TEXT NOT NULL,
  platform VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  UNIQUE KEY idx_packs_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- target_id is a label or host id depending on type, so it has no foreign key: deleting a label or a host
-- deletes its targets explicitly.
CREATE TABLE pack_targets (
  id BIGINT NOT NULL AUTO_INCREMENT,
  pack_id BIGINT NOT NULL,
  type VARCHAR(16) NOT NULL,
  target_id BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY idx_pack_targets_target (pack_id, type, target_id),
  KEY idx_pack_targets_type_target (type, target_id),
  CONSTRAINT fk_pack_targets_pack FOREIGN KEY (pack_id) REFERENCES packs (id) ON DELETE CASCADE,
  CONSTRAINT chk_pack_targets_type CHECK (type IN ('label', 'host'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- NULL snapshot/removed/platform/version/shard = not set (left out of the osquery config).
CREATE TABLE scheduled_queries (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  pack_id BIGINT NOT NULL,
  query_name VARCHAR(255) NOT NULL,
  name VARCHAR(255) NOT NULL,
  description TEXT NOT NULL,
  interval_seconds INT NOT NULL DEFAULT 0,
  snapshot BOOLEAN NULL,
  removed BOOLEAN NULL,
  platform VARCHAR(255) NULL,
  version VARCHAR(255) NULL,
  shard INT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY idx_scheduled_queries_pack_name (pack_id, name),
  KEY idx_scheduled_queries_query_name (query_name),
  CONSTRAINT fk_scheduled_queries_pack FOREIGN KEY (pack_id) REFERENCES packs (id) ON DELETE CASCADE,
  CONSTRAINT fk_scheduled_queries_query FOREIGN KEY (query_name) REFERENCES queries (name)
    ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE distributed_query_campaigns (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  query_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  user_id BIGINT NULL,
  PRIMARY KEY (id),
  KEY idx_distributed_query_campaigns_status (status, updated_at),
  CONSTRAINT fk_distributed_query_campaigns_query FOREIGN KEY (query_id) REFERENCES queries (id) ON DELETE CASCADE,
  CONSTRAINT fk_distributed_query_campaigns_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT chk_distributed_query_campaigns_status CHECK (status IN ('waiting', 'running', 'complete'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE distributed_query_campaign_targets (
  id BIGINT NOT NULL AUTO_INCREMENT,
  campaign_id BIGINT NOT NULL,
  type VARCHAR(16) NOT NULL,
  target_id BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY idx_campaign_targets_target (campaign_id, type, target_id),
  KEY idx_campaign_targets_type_target (type, target_id),
  CONSTRAINT fk_campaign_targets_campaign FOREIGN KEY (campaign_id)
    REFERENCES distributed_query_campaigns (id) ON DELETE CASCADE,
  CONSTRAINT chk_campaign_targets_type CHECK (type IN ('label', 'host'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- File carving (fleetdm Fleet's design): metadata per carve; blocks arrive in order, max_block is the
-- highest block id stored (-1 = none yet). host_id has no foreign key so carves outlive deleted hosts.
CREATE TABLE carve_metadata (
  id BIGINT NOT NULL AUTO_INCREMENT,
  created_at DATETIME(6) NOT NULL,
  host_id BIGINT NOT NULL,
  name VARCHAR(255) NOT NULL,
  block_count BIGINT NOT NULL,
  block_size BIGINT NOT NULL,
  carve_size BIGINT NOT NULL,
  carve_id VARCHAR(64) NOT NULL,
  request_id VARCHAR(255) NOT NULL,
  session_id VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  expired BOOLEAN NOT NULL DEFAULT FALSE,
  max_block BIGINT NOT NULL DEFAULT -1,
  PRIMARY KEY (id),
  UNIQUE KEY idx_carve_metadata_session_id (session_id),
  UNIQUE KEY idx_carve_metadata_name (name),
  KEY idx_carve_metadata_host_id (host_id),
  KEY idx_carve_metadata_created_at (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE carve_blocks (
  metadata_id BIGINT NOT NULL,
  block_id BIGINT NOT NULL,
  data LONGBLOB NOT NULL,
  PRIMARY KEY (metadata_id, block_id),
  CONSTRAINT fk_carve_blocks_metadata FOREIGN KEY (metadata_id) REFERENCES carve_metadata (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
