-- WARNING: removing value(s) `ARCHIVED` from enum `Status`: fails if rows still use them
-- WARNING: dropping column `Doc.legacy`: its data is lost

-- AlterEnum
CREATE TYPE "Status_new" AS ENUM ('DRAFT', 'PUBLISHED', 'REVIEW');
ALTER TABLE "Doc" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Doc" ALTER COLUMN "status" TYPE "Status_new" USING ("status"::text::"Status_new");
ALTER TYPE "Status" RENAME TO "Status_old";
ALTER TYPE "Status_new" RENAME TO "Status";
DROP TYPE "Status_old";
ALTER TABLE "Doc" ALTER COLUMN "status" SET DEFAULT 'DRAFT';

-- CreateEnum
CREATE TYPE "Color" AS ENUM ('RED', 'GREEN');

-- AlterTable
ALTER TABLE "Doc" DROP COLUMN "legacy";

-- AlterTable
ALTER TABLE "Doc" ADD COLUMN "color" "Color" NOT NULL DEFAULT 'RED';

-- DropEnum
DROP TYPE "Legacy";
