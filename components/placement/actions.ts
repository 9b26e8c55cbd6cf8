"use server";

import { validatedAction } from "@/lib/http/action";
import { placeAudience } from "@/lib/server/placement";
import { runtime } from "@/lib/server/runtime";
import { placementRequestSchema } from "@/lib/validation/placement";

// A placement changes nothing stored, so there is nothing to revalidate.
export const placeAudienceAction = validatedAction(placementRequestSchema, async (request) => placeAudience(runtime().placement, request));
