-- Notices of the capacity queue and of reservations were stored with their message group as the
-- key (capacityAvailable) instead of its texts (capacityAvailable.title / .body): the bell showed
-- the raw key and the e-mail had no body. Point the stored rows at the texts.
UPDATE "notifications" SET "title_key" = "title_key" || '.title', "body_key" = "body_key" || '.body'
WHERE "title_key" IN ('capacityAvailable', 'reservationExpiring', 'reservationLowUtilisation');
