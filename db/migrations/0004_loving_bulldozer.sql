CREATE TABLE `brand_assets` (
	`slot` text PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`bytes` blob NOT NULL,
	`hash` text NOT NULL,
	`updated_at` integer NOT NULL
);
