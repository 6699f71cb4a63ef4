CREATE TABLE `viewer_access_pages` (
	`page_id` text PRIMARY KEY NOT NULL,
	`config` text NOT NULL,
	`oidc_client_secret` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `viewer_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`next` text DEFAULT '/' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `viewer_oidc_flows` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`browser_hash` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`expires_at` integer NOT NULL,
	`next` text DEFAULT '/' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `viewer_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`method` text NOT NULL,
	`email` text,
	`oidc_groups` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`token_issued_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `viewer_sessions_page_idx` ON `viewer_sessions` (`page_id`,`email`);--> statement-breakpoint
CREATE TABLE `viewer_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page_id` text NOT NULL,
	`email` text NOT NULL,
	`oidc_groups` text DEFAULT '[]' NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `viewer_tokens_hash_uq` ON `viewer_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `viewer_tokens_owner_idx` ON `viewer_tokens` (`page_id`,`email`);