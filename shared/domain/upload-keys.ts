/** Where a roster upload's files go (under uploads/, which the bucket empties after a day). */
export const uploadKey = (school: { districtId: string; schoolId: string }, uploadId: string, file: string) => `uploads/${school.districtId}/${school.schoolId}/${uploadId}/${file}`;
