-- DropIndex
DROP INDEX "Account_email_key";

-- DropIndex
DROP INDEX "Account_region_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Account_handle_key" ON "Account"("handle");

-- CreateIndex
CREATE INDEX "accounts_by_tier" ON "Account"("tier");

-- CreateIndex
CREATE UNIQUE INDEX "Account_region_tier_key" ON "Account"("region", "tier");
