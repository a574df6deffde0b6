/** The library's version, sent in every report (kept equal to package.json by a unit test). */
export const LIBRARY_VERSION = '0.1.0'
