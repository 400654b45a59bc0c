-- CreateTable
CREATE TABLE "Item" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "legacy" TEXT,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "note" TEXT NOT NULL,
    "price" INTEGER,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);
