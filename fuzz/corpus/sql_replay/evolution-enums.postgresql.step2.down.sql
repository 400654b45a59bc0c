-- WARNING: going back loses data:
-- WARNING: removing value(s) `REVIEW` from enum `Status`: fails if rows still use them
-- WARNING: dropping column `Doc.color`: its data is lost

-- AlterEnum
CREATE TYPE "Status_new" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');
ALTER TABLE "Doc" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Doc" ALTER COLUMN "status" TYPE "Status_new" USING ("status"::text::"Status_new");
ALTER TYPE "Status" RENAME TO "Status_old";
ALTER TYPE "Status_new" RENAME TO "Status";
DROP TYPE "Status_old";
ALTER TABLE "Doc" ALTER COLUMN "status" SET DEFAULT 'DRAFT';

-- CreateEnum
CREATE TYPE "Legacy" AS ENUM ('A', 'B');

-- AlterTable
ALTER TABLE "Doc" DROP COLUMN "color";

-- AlterTable
ALTER TABLE "Doc" ADD COLUMN "legacy" "Legacy";

-- DropEnum
DROP TYPE "Color";
