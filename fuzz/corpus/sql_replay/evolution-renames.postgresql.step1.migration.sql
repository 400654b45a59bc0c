-- CreateTable
CREATE TABLE "Customer" (
    "id" SERIAL NOT NULL,
    "full_name" TEXT NOT NULL,
    "city" TEXT NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);
