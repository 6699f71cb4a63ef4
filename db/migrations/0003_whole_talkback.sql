ALTER TABLE `api_keys` ADD `scope` text DEFAULT 'admin' NOT NULL;--> statement-breakpoint
ALTER TABLE `components` ADD `showcase` integer DEFAULT true NOT NULL;