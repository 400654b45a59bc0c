-- WARNING: going back loses data:
-- WARNING: dropping column `Item.sku`: its data is lost
-- WARNING: dropping column `Item.active`: its data is lost
-- WARNING: dropping column `Item.createdAt`: its data is lost
-- WARNING: making `Item.note` required: fails if it holds NULLs
-- WARNING: changing the type of `Item.price` from BIGINT to INTEGER: may fail or lose data

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- RedefineTables
CREATE TABLE "new_Item" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "legacy" TEXT,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "note" TEXT NOT NULL,
    "price" INTEGER
);
INSERT INTO "new_Item" ("id", "name", "quantity", "note", "price") SELECT "id", "name", "quantity", "note", "price" FROM "Item";
DROP TABLE "Item";
ALTER TABLE "new_Item" RENAME TO "Item";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
