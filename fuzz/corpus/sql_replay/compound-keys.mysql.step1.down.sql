-- WARNING: going back loses data:
-- WARNING: dropping table `Tenant`: all its rows are lost
-- WARNING: dropping table `users`: all its rows are lost
-- WARNING: dropping table `Team`: all its rows are lost
-- WARNING: dropping table `memberships`: all its rows are lost
-- WARNING: dropping table `Device`: all its rows are lost

-- DropForeignKey
ALTER TABLE `users` DROP FOREIGN KEY `users_tenant_id_fkey`;

-- DropForeignKey
ALTER TABLE `Team` DROP FOREIGN KEY `Team_tenant_id_fkey`;

-- DropForeignKey
ALTER TABLE `memberships` DROP FOREIGN KEY `memberships_tenant_id_user_no_fkey`;

-- DropForeignKey
ALTER TABLE `memberships` DROP FOREIGN KEY `membership_team_fk`;

-- DropForeignKey
ALTER TABLE `Device` DROP FOREIGN KEY `Device_tenant_id_user_email_fkey`;

-- DropTable
DROP TABLE `Tenant`;

-- DropTable
DROP TABLE `users`;

-- DropTable
DROP TABLE `Team`;

-- DropTable
DROP TABLE `memberships`;

-- DropTable
DROP TABLE `Device`;
