ALTER TABLE `mail_outbox` ADD `thread` text;--> statement-breakpoint
CREATE INDEX `mail_outbox_thread_idx` ON `mail_outbox` (`subscriber_id`,`thread`,`status`);