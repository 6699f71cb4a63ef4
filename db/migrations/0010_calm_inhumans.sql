ALTER TABLE `incident_templates` ADD `status` text DEFAULT 'investigating' NOT NULL;--> statement-breakpoint
ALTER TABLE `incident_templates` ADD `components` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `incident_templates` ADD `notify` integer DEFAULT true NOT NULL;