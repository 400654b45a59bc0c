-- WARNING: dropping column `Doc.legacy`: its data is lost

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
-- RedefineTables
CREATE TABLE "new_Doc" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "color" TEXT NOT NULL DEFAULT 'RED'
);
INSERT INTO "new_Doc" ("id", "status") SELECT "id", "status" FROM "Doc";
DROP TABLE "Doc";
ALTER TABLE "new_Doc" RENAME TO "Doc";

PRAGMA foreign_key_check;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
