-- NOTE: Team.code: @db.VarChar(16) has no sqlite equivalent; using TEXT
-- NOTE: memberships.team_code: @db.VarChar(16) has no sqlite equivalent; using TEXT

-- CreateTable
CREATE TABLE "Tenant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "users" (
    "tenant_id" INTEGER NOT NULL,
    "user_no" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    PRIMARY KEY ("tenant_id", "user_no"),
    CONSTRAINT "users_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Team" (
    "tenant_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    PRIMARY KEY ("tenant_id", "code"),
    CONSTRAINT "Team_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "memberships" (
    "tenant_id" INTEGER NOT NULL,
    "user_no" INTEGER NOT NULL,
    "team_code" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "joined_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY ("tenant_id", "user_no", "team_code"),
    CONSTRAINT "memberships_tenant_id_user_no_fkey" FOREIGN KEY ("tenant_id", "user_no") REFERENCES "users" ("tenant_id", "user_no") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "membership_team_fk" FOREIGN KEY ("tenant_id", "team_code") REFERENCES "Team" ("tenant_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Device" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "label" TEXT NOT NULL DEFAULT 'device',
    "tenant_id" INTEGER,
    "user_email" TEXT,
    CONSTRAINT "Device_tenant_id_user_email_fkey" FOREIGN KEY ("tenant_id", "user_email") REFERENCES "users" ("tenant_id", "email") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_tenant_id_email_key" ON "users"("tenant_id", "email");

-- CreateIndex
CREATE INDEX "memberships_tenant_id_team_code_idx" ON "memberships"("tenant_id", "team_code");
