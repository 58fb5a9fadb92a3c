ALTER TABLE `chunked_uploads` ADD `replaces_version` integer;--> statement-breakpoint
ALTER TABLE `chunked_uploads` ADD `assembled_at` integer;