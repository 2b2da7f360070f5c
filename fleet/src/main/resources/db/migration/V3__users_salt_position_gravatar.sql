-- Kolide Fleet kept, per user, the salt appended to the password before bcrypt (auth.PasswordHasher's
-- HashedPassword.salt), a job title (position) and a gravatar URL; the REST API reads and writes all three.
-- Existing rows get an empty salt, which PasswordHasher treats as "no salt" (salt size 0). The salt is never
-- compared in SQL, so it needs no binary collation.
ALTER TABLE users ADD COLUMN salt VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN position VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN gravatar_url VARCHAR(1024) NOT NULL DEFAULT '';
