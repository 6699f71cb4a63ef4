ALTER TABLE `viewer_links` ADD `next` text DEFAULT '/' NOT NULL;--> statement-breakpoint
ALTER TABLE `viewer_oidc_flows` ADD `next` text DEFAULT '/' NOT NULL;