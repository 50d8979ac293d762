import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="text-5xl font-bold text-brand-600">404</p>
      <h1 className="text-xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="text-sm text-muted">{t("notFoundBody")}</p>
      <Link href="/" className="mt-2 text-sm font-medium text-brand-700 underline">
        {t("backHome")}
      </Link>
    </main>
  );
}
