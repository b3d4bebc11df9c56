// Where a job's CSV lives in the imports bucket: the splitter reads the job id back from the key.
import { IMPORTS_PREFIX } from '../constants.ts';

/** Object key of a job's CSV. */
export const importKey = (jobId: string): string => `${IMPORTS_PREFIX}${jobId}.csv`;

const KEY_SHAPE = new RegExp(`^${IMPORTS_PREFIX}([0-9a-f-]{36})\\.csv$`);

/** The job id of an object key (already URL-decoded); undefined for any other object. */
export const jobIdOfKey = (key: string): string | undefined => KEY_SHAPE.exec(key)?.[1];
