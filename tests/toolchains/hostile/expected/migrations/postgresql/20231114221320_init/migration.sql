-- NOTE: `anEvenLongerFieldNameThatDoesNotFitEvenWhenItsTypeMovesToTheNextLineOfAll` is longer than 63 bytes; postgresql keeps `anEvenLongerFieldNameThatDoesNotFitEvenWhenItsTypeMovesToTheNex`
-- NOTE: `aFieldWhoseRustTypeIsTooLongForOneLineOfRustfmtsHundredColumnsAtAll` is longer than 63 bytes; postgresql keeps `aFieldWhoseRustTypeIsTooLongForOneLineOfRustfmtsHundredColumnsA`

-- CreateEnum
CREATE TYPE "Type" AS ENUM ('class', 'self', 'Self', 'ADMIN', 'Admin', 'été', 'A_B');

-- CreateEnum
CREATE TYPE "Vec" AS ENUM ('some', 'none');

-- CreateEnum
CREATE TYPE "Status" AS ENUM ('StatusActive', 'StatusInactive', 'StatusArchived');

-- CreateEnum
CREATE TYPE "Fits" AS ENUM ('FIRST_VALUE_NAME', 'SECOND_VALUE_NAME', 'THIRD_VALUE_NAME');

-- CreateEnum
CREATE TYPE "Long" AS ENUM ('THE_FIRST_OF_MANY_VALUES', 'THE_SECOND_OF_MANY_VALUES', 'THE_THIRD_OF_MANY_VALUES', 'THE_FOURTH_OF_MANY_VALUES');

-- CreateTable
CREATE TABLE "Self" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "prénom" TEXT NOT NULL,
    "Self" INTEGER NOT NULL,
    "crate" INTEGER NOT NULL,
    "super" INTEGER NOT NULL,
    "fn" INTEGER NOT NULL,
    "async" BOOLEAN NOT NULL,
    "await" BOOLEAN NOT NULL,
    "class" TEXT,
    "constructor" TEXT,
    "prototype" INTEGER[],
    "toString" TEXT NOT NULL,
    "creation_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at_too" TIMESTAMP(3) NOT NULL,
    "userID" INTEGER NOT NULL,
    "café" TEXT NOT NULL,
    "naïve" DECIMAL(65,30) NOT NULL,
    "day" DATE NOT NULL,
    "time" TIME(6),
    "zone" TIMETZ(6),
    "payload" JSONB NOT NULL,
    "blob" BYTEA NOT NULL,
    "aVeryLongFieldNameThatPushesTheTypeOntoTheNextLineWhenFormatted" TEXT,
    "anEvenLongerFieldNameThatDoesNotFitEvenWhenItsTypeMovesToTheNex" DOUBLE PRECISION[],
    "aFieldWhoseRustTypeIsTooLongForOneLineOfRustfmtsHundredColumnsA" TIMESTAMP(3),
    "kind" "Type" NOT NULL,
    "kinds" "Type"[],
    "option" "Vec",
    "internal" TEXT NOT NULL DEFAULT 'hidden',
    "position" point,
    "typeModelId" INTEGER NOT NULL,
    "parentId" UUID,

    CONSTRAINT "Self_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Date" (
    "id" INTEGER NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "when" DATE,

    CONSTRAINT "Date_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Option" (
    "id" INTEGER NOT NULL,
    "value" TEXT,

    CONSTRAINT "Option_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JsonValue" (
    "id" INTEGER NOT NULL,
    "value" JSONB NOT NULL,

    CONSTRAINT "JsonValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Café" (
    "id" INTEGER NOT NULL,
    "crème" TEXT NOT NULL,
    "brûlée" INTEGER NOT NULL,

    CONSTRAINT "Café_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "日本" (
    "id" INTEGER NOT NULL,
    "名前" TEXT NOT NULL,

    CONSTRAINT "日本_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Index" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Index_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lower_user" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "lower_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upper_user" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "upper_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Type_" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Type__pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "Self" ADD CONSTRAINT "Self_typeModelId_fkey" FOREIGN KEY ("typeModelId") REFERENCES "Type_"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Self" ADD CONSTRAINT "Self_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Self"("id") ON DELETE SET NULL ON UPDATE CASCADE;
