import type { AlertTexts } from "./alert-texts-en.ts";

/** The alert texts in Russian; the keys and placeholders of alert-texts-en.ts. */
export const ALERT_TEXTS_RU: AlertTexts = {
  opened: "botbridge: ПРОБЛЕМА\n{text}\n{link}",
  digest: "botbridge: ПРОБЛЕМА ПРОДОЛЖАЕТСЯ (с {since})\n{text}\n{link}",
  resolved: "botbridge: РЕШЕНО через {lasted}\n{text}\n{link}",
  test: "botbridge: проверка оповещений с {host}. Если вы это читаете, оповещения сюда доходят.\n{link}",
  deliveries_failing_target:
    "Доставок в цель {subject} с ошибкой за последние {window}: {count}. Последняя ошибка: {last_error}",
  deliveries_failing_route:
    "Доставок маршрута {subject} с ошибкой за последние {window}: {count}. Последняя ошибка: {last_error}",
  target_paused: "Цель {subject} на паузе уже {paused_for} ({cause}). {reason}",
  cause_rate_limit: "отвечает 429 Too Many Requests",
  cause_circuit_breaker: "предохранитель: ошибки подряд",
  cause_operator: "поставлена на паузу вручную",
  waiting_too_long: "Доставка в цель {subject} ждёт уже {waited} (всего ждут: {count}).",
  credentials_refused:
    "Цель {subject} отклонила учётные данные botbridge. Она на паузе, её доставки ждут и не потеряются. Исправьте {variables}, затем перезагрузите конфигурацию или снимите цель с паузы. {reason}",
  credentials_unknown_variable: "её учётные данные в routes.yaml",
  reload_refused:
    "Перезагрузка конфигурации на {subject} отклонена: ошибок в routes.yaml: {count}; работает прежняя конфигурация. Первая: {problem}",
  store_size: "Хранилище занимает {size}, больше {limit} из alerts.conditions.store_size.",
  disk_free: "На диске папки {folder} на {subject} свободно только {free} (порог {limit}).",
  unit_s: "{n} с",
  unit_min: "{n} мин",
  unit_h: "{n} ч",
  unit_d: "{n} дн",
  unit_mb: "{n} МБ",
  unit_gb: "{n} ГБ",
};
