ALTER TABLE `webhook_subscribers` ADD `source` text DEFAULT 'admin' NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_subscribers` ADD `email` text;--> statement-breakpoint
ALTER TABLE `webhook_subscribers` ADD `confirmed_at` integer;