-- RenameTable
ALTER TABLE "Customer" RENAME TO "Client";

-- AlterTable
ALTER TABLE "Client" RENAME COLUMN "full_name" TO "display_name";
