-- WARNING: dropping column `Item.legacy`: its data is lost
-- WARNING: changing the type of `Item.price` from INTEGER to BIGINT: may fail or lose data

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- RedefineTables
CREATE TABLE "new_Item" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 5,
    "note" TEXT,
    "price" BIGINT,
    "sku" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Item" ("id", "name", "quantity", "note", "price") SELECT "id", "name", "quantity", "note", "price" FROM "Item";
DROP TABLE "Item";
ALTER TABLE "new_Item" RENAME TO "Item";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
