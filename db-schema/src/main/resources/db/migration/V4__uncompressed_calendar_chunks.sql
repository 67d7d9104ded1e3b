-- Compressing calendar chunks (pglz, on insert) was most of the time a generator spent storing its
-- calendar. EXTERNAL still moves the bytes out of line (TOAST) but stores them uncompressed: a
-- bigger table for a faster export. It applies to rows written from now on.
ALTER TABLE calendar_result_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
