-- WARNING: going back loses data:
-- WARNING: dropping table `Tenant`: all its rows are lost
-- WARNING: dropping table `users`: all its rows are lost
-- WARNING: dropping table `Team`: all its rows are lost
-- WARNING: dropping table `memberships`: all its rows are lost
-- WARNING: dropping table `Device`: all its rows are lost

-- DropForeignKey
ALTER TABLE "users" DROP CONSTRAINT "users_tenant_id_fkey";

-- DropForeignKey
ALTER TABLE "Team" DROP CONSTRAINT "Team_tenant_id_fkey";

-- DropForeignKey
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_tenant_id_user_no_fkey";

-- DropForeignKey
ALTER TABLE "memberships" DROP CONSTRAINT "membership_team_fk";

-- DropForeignKey
ALTER TABLE "Device" DROP CONSTRAINT "Device_tenant_id_user_email_fkey";

-- DropTable
DROP TABLE "Tenant";

-- DropTable
DROP TABLE "users";

-- DropTable
DROP TABLE "Team";

-- DropTable
DROP TABLE "memberships";

-- DropTable
DROP TABLE "Device";
