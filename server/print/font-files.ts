/**
 * The two weights inside @expo-google-fonts/be-vietnam-pro (OFL). Regular
 * and Bold are enough for the hierarchy on a sheet; a Workers build can
 * import these files as Data modules and pass their bytes to renderSheets.
 */
export const FONT_FILES = {
  regular: '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf',
  bold: '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf',
} as const;
