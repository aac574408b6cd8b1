"""The plan's measures written again in plain SQL (both back ends), to check the
services' counts against: one query per measure, its rule spelled out."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Date, DateTime, Integer, String, bindparam, text
from sqlalchemy.orm import Session

from familydesk.db.base import UTCDateTime
from familydesk.kernel import clock

GROUP = """
  FROM group_session s JOIN parent_group g ON g.id = s.group_id
 WHERE NOT s.cancelled AND NOT g.cancelled AND s.starts_at >= :t0 AND s.starts_at < :t1
   AND (:kind = '' OR g.kind = :kind)
   AND (:action = 0 OR g.id IN (SELECT group_id FROM plan_action_group WHERE action_id = :action))
"""
PRESENT = """
  FROM attendance a JOIN enrolment e ON e.id = a.enrolment_id
  JOIN group_session s ON s.id = a.session_id JOIN parent_group g ON g.id = s.group_id
 WHERE a.mark = 'present' AND NOT s.cancelled AND NOT g.cancelled
   AND s.starts_at >= :t0 AND s.starts_at < :t1
   AND (:kind = '' OR g.kind = :kind)
   AND (:action = 0 OR g.id IN (SELECT group_id FROM plan_action_group WHERE action_id = :action))
"""
CONTACT = """
  FROM contact c
 WHERE c.contact_date >= :d0 AND c.contact_date <= :d1
   AND (:need = '' OR c.id IN (SELECT r.contact_id FROM contact_request r
                               JOIN need n ON n.id = r.need_id WHERE n.key = :need))
   AND (:area = '' OR c.id IN (SELECT r.contact_id FROM contact_request r
                               JOIN need n ON n.id = r.need_id WHERE n.macro_area = :area))
   AND (:comune = '' OR c.family_id IN (SELECT id FROM family WHERE comune_code = :comune)
        OR (c.family_id IS NULL AND lower(c.anon_comune) IN
            (SELECT lower(name) FROM member_comune WHERE cadastral_code = :comune)))
"""
SQL = {
    "sessions_held": "SELECT count(*)" + GROUP,
    "groups_run": "SELECT count(DISTINCT g.id)" + GROUP,
    "people_reached_groups": "SELECT count(DISTINCT e.person_id) + count(DISTINCT CASE WHEN "
    "e.person_id IS NULL THEN e.id END)" + PRESENT,
    "families_reached_groups": "SELECT count(DISTINCT e.family_id)" + PRESENT,
    "contacts": "SELECT count(*)" + CONTACT,
    "people_reached_desk": "SELECT count(DISTINCT c.person_id) + "
    "sum(CASE WHEN c.person_id IS NULL THEN 1 ELSE 0 END)" + CONTACT,
    "families_reached_desk": "SELECT count(DISTINCT c.family_id)" + CONTACT,
    "referrals": """SELECT count(*) FROM contact_request r JOIN contact c ON c.id = r.contact_id
     WHERE r.service_id IS NOT NULL AND c.contact_date >= :d0 AND c.contact_date <= :d1
       AND (:service = 0 OR r.service_id = :service)""",
    "appointments_held": """SELECT count(*) FROM appointment a JOIN service v ON v.id = a.service_id
     WHERE a.status = 'done' AND a.starts_at >= :t0 AND a.starts_at < :t1
       AND (:akey = '' OR v.key = :akey) AND (:prof = '' OR v.profession = :prof)""",
    "cards_active": """SELECT count(*) FROM card k
     WHERE k.issued_on <= :day AND k.expires_on >= :day
       AND (k.revoked_on IS NULL OR k.revoked_on > :day)
       AND NOT EXISTS (SELECT 1 FROM card n WHERE n.previous_id = k.id AND n.issued_on <= :day)
       AND (:ctype = 0 OR k.card_type_id = :ctype)""",
    "cards_issued": """SELECT count(*) FROM card k WHERE k.issued_on >= :d0 AND k.issued_on <= :d1
       AND (:ctype = 0 OR k.card_type_id = :ctype)""",
    "benefit_uses": """SELECT count(*) FROM redemption r JOIN benefit b ON b.id = r.benefit_id
       JOIN partner p ON p.id = b.partner_id
     WHERE r.accepted AND r.at >= :u0 AND r.at < :u1 AND (:cat = '' OR p.category = :cat)""",
}
_TYPES = {
    "t0": DateTime(),
    "t1": DateTime(),
    "d0": Date(),
    "d1": Date(),
    "day": Date(),
    "u0": UTCDateTime(),
    "u1": UTCDateTime(),
}


def value(session: Session, key: str, start: date, end: date, filters: dict, action: int) -> int:
    after = end + timedelta(days=1)
    params = {
        "t0": datetime.combine(start, time()),
        "t1": datetime.combine(after, time()),
        "d0": start,
        "d1": end,
        "day": min(end, clock.today()),
        "u0": datetime.combine(start, time(), clock.ROME).astimezone(UTC),
        "u1": datetime.combine(after, time(), clock.ROME).astimezone(UTC),
        "kind": filters.get("group_kind", ""),
        "action": action if filters.get("tagged") else 0,
        "need": (filters.get("needs") or [""])[0],
        "area": filters.get("macro_area", ""),
        "comune": filters.get("comune", ""),
        "service": int(filters.get("service") or 0) if key == "referrals" else 0,
        "akey": filters.get("service", "") if key == "appointments_held" else "",
        "prof": filters.get("profession", ""),
        "ctype": int(filters.get("card_type") or 0),
        "cat": filters.get("partner_category", ""),
    }
    sql = SQL[key]
    used = {name: v for name, v in params.items() if f":{name}" in sql}
    statement = text(sql).bindparams(
        *(
            bindparam(n, type_=_TYPES.get(n, Integer() if isinstance(v, int) else String()))
            for n, v in used.items()
        )
    )
    return int(session.execute(statement, used).scalar() or 0)
