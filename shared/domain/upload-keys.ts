/** Where a roster upload's files go (under uploads/, which the bucket empties after a day). */
export const uploadKey = (schoolId: string, uploadId: string, file: string) => `uploads/${schoolId}/${uploadId}/${file}`;
