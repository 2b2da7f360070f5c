-- Built-in labels (Kolide Fleet's): every host, then one per platform. They cannot be deleted or changed.
INSERT INTO labels (created_at, updated_at, name, description, query, platform, label_type, label_membership_type)
VALUES
  (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'All Hosts', 'All hosts which have enrolled in Fleet',
   'select 1;', '', 'builtin', 'dynamic'),
  (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'macOS', 'All macOS hosts',
   'select 1 from os_version where platform = ''darwin'';', 'darwin', 'builtin', 'dynamic'),
  (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'Ubuntu Linux', 'All Ubuntu hosts',
   'select 1 from os_version where platform = ''ubuntu'';', 'ubuntu', 'builtin', 'dynamic'),
  (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'CentOS Linux', 'All CentOS hosts',
   'select 1 from os_version where platform = ''centos'';', 'centos', 'builtin', 'dynamic'),
  (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'MS Windows', 'All Windows hosts',
   'select 1 from os_version where platform = ''windows'';', 'windows', 'builtin', 'dynamic');

INSERT INTO app_configs (id, updated_at, org_name, org_logo_url, server_url, host_expiry_enabled,
                         host_expiry_window_days, live_query_disabled, additional_queries)
VALUES (1, CURRENT_TIMESTAMP, '', '', '', FALSE, 0, FALSE, NULL);

-- The options and decorators Kolide Fleet seeded; served to every platform until overridden.
INSERT INTO osquery_options (override_type, override_identifier, options)
VALUES ('default', '',
  '{"options":{"logger_plugin":"tls","pack_delimiter":"/","logger_tls_period":10,"distributed_plugin":"tls","disable_distributed":false,"logger_tls_endpoint":"/api/v1/osquery/log","distributed_interval":10,"distributed_tls_max_attempts":3},"decorators":{"load":["SELECT uuid AS host_uuid FROM system_info;","SELECT hostname AS hostname FROM system_info;"]}}');
