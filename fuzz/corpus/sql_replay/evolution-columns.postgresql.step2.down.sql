-- WARNING: going back loses data:
-- WARNING: dropping column `Item.sku`: its data is lost
-- WARNING: dropping column `Item.active`: its data is lost
-- WARNING: dropping column `Item.createdAt`: its data is lost
-- WARNING: making `Item.note` required: fails if it holds NULLs
-- WARNING: changing the type of `Item.price` from BIGINT to INTEGER: may fail or lose data

-- AlterTable
ALTER TABLE "Item" DROP COLUMN "sku";

-- AlterTable
ALTER TABLE "Item" DROP COLUMN "active";

-- AlterTable
ALTER TABLE "Item" DROP COLUMN "createdAt";

-- AlterTable
ALTER TABLE "Item" ADD COLUMN "legacy" TEXT;

-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "quantity" SET DEFAULT 1;

-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "note" SET NOT NULL;

-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "price" SET DATA TYPE INTEGER USING ("price"::text::INTEGER);
