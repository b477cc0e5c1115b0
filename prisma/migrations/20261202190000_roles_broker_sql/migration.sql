-- Capability roles: a broker's account and read-only SQL access, held beside a ranked role.
ALTER TYPE "ops"."Role" ADD VALUE IF NOT EXISTS 'BROKER';
ALTER TYPE "ops"."Role" ADD VALUE IF NOT EXISTS 'SQL';
