-- WARNING: dropping column `Item.legacy`: its data is lost
-- WARNING: changing the type of `Item.price` from INTEGER to BIGINT: may fail or lose data

-- AlterTable
ALTER TABLE "Item" DROP COLUMN "legacy";

-- AlterTable
ALTER TABLE "Item" ADD COLUMN "sku" TEXT;

-- AlterTable
ALTER TABLE "Item" ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Item" ADD COLUMN "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "quantity" SET DEFAULT 5;

-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "note" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "price" SET DATA TYPE BIGINT USING ("price"::text::BIGINT);
