-- CreateTable
CREATE TABLE "Tenant" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "tenant_id" INTEGER NOT NULL,
    "user_no" INTEGER NOT NULL,
    "email" TEXT NOT NULL,

    CONSTRAINT "users_pk" PRIMARY KEY ("tenant_id","user_no")
);

-- CreateTable
CREATE TABLE "Team" (
    "tenant_id" INTEGER NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("tenant_id","code")
);

-- CreateTable
CREATE TABLE "memberships" (
    "tenant_id" INTEGER NOT NULL,
    "user_no" INTEGER NOT NULL,
    "team_code" VARCHAR(16) NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "joined_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("tenant_id","user_no","team_code")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL DEFAULT 'device',
    "tenant_id" INTEGER,
    "user_email" TEXT,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_tenant_id_email_key" ON "users"("tenant_id", "email");

-- CreateIndex
CREATE INDEX "memberships_tenant_id_team_code_idx" ON "memberships"("tenant_id", "team_code");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_user_no_fkey" FOREIGN KEY ("tenant_id", "user_no") REFERENCES "users"("tenant_id", "user_no") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "membership_team_fk" FOREIGN KEY ("tenant_id", "team_code") REFERENCES "Team"("tenant_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_tenant_id_user_email_fkey" FOREIGN KEY ("tenant_id", "user_email") REFERENCES "users"("tenant_id", "email") ON DELETE SET NULL ON UPDATE CASCADE;
