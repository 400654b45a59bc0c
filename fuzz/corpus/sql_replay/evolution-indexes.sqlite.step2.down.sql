-- WARNING: going back loses data:
-- WARNING: adding unique index `Account_email_key` on existing table `Account`: fails if it holds duplicates

-- DropIndex
DROP INDEX "Account_handle_key";

-- DropIndex
DROP INDEX "accounts_by_tier";

-- DropIndex
DROP INDEX "Account_region_tier_key";

-- CreateIndex
CREATE UNIQUE INDEX "Account_email_key" ON "Account"("email");

-- CreateIndex
CREATE INDEX "Account_region_idx" ON "Account"("region");
