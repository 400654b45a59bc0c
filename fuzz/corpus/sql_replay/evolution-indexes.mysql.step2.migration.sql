-- WARNING: adding unique index `Account_handle_key` on existing table `Account`: fails if it holds duplicates
-- WARNING: adding unique index `Account_region_tier_key` on existing table `Account`: fails if it holds duplicates

-- CreateIndex
CREATE UNIQUE INDEX `Account_handle_key` ON `Account`(`handle`);

-- CreateIndex
CREATE INDEX `accounts_by_tier` ON `Account`(`tier`);

-- CreateIndex
CREATE UNIQUE INDEX `Account_region_tier_key` ON `Account`(`region`, `tier`);

-- DropIndex
DROP INDEX `Account_email_key` ON `Account`;

-- DropIndex
DROP INDEX `Account_region_idx` ON `Account`;
