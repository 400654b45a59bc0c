-- CreateEnum
CREATE TYPE "Status" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "Legacy" AS ENUM ('A', 'B');

-- CreateTable
CREATE TABLE "Doc" (
    "id" SERIAL NOT NULL,
    "status" "Status" NOT NULL DEFAULT 'DRAFT',
    "legacy" "Legacy",

    CONSTRAINT "Doc_pkey" PRIMARY KEY ("id")
);
