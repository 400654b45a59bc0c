-- CreateTable
CREATE TABLE "Account" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "tier" INTEGER NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_handle_key" ON "Account"("handle");

-- CreateIndex
CREATE INDEX "accounts_by_tier" ON "Account"("tier");

-- CreateIndex
CREATE UNIQUE INDEX "Account_region_tier_key" ON "Account"("region", "tier");
