"""English and Arabic texts of the default SMS sequence (« Petits pas grands pas »).

Same variables and the same opt-out link as the French texts (outreach.services
DEFAULT_STEPS); families whose language has no text get the French one
(``SequenceStep.text_for``). Plain words, for review by the coordination
(docs/langues.md).
"""

from __future__ import annotations

from .models import Stage

DEFAULT_STEP_TRANSLATIONS: dict[str, dict[str, dict[str, str]]] = {
    Stage.DECLARATION: {
        "en": {
            "body": "Hello {prenom}, congratulations from the PMI! An early antenatal interview "
            "(EPP) with a midwife is offered to you, free of charge. Call us: {telephone_pmi}. "
            "STOP: {lien_desinscription}"
        },
        "ar": {
            "body": "مرحبًا {prenom}، مركز حماية الأم والطفل (PMI) يهنئكِ! نقترح عليكِ مقابلة مبكرة "
            "قبل الولادة (EPP) مع قابلة، مجانًا. اتصلي بنا: {telephone_pmi}. "
            "لإيقاف الرسائل: {lien_desinscription}"
        },
    },
    Stage.MONTH_4: {
        "en": {
            "body": "Hello {prenom}, have you had your early antenatal interview? There is still "
            "time: {telephone_pmi}. STOP: {lien_desinscription}"
        },
        "ar": {
            "body": "مرحبًا {prenom}، هل أجريتِ المقابلة المبكرة قبل الولادة؟ ما زال هناك وقت: "
            "{telephone_pmi}. لإيقاف الرسائل: {lien_desinscription}"
        },
    },
    Stage.MONTH_8: {
        "en": {
            "body": "Hello {prenom}, the birth is getting close: think about your bag for the "
            "maternity unit and about coming home. A PMI nurse can visit you. "
            "STOP: {lien_desinscription}"
        },
        "ar": {
            "body": "مرحبًا {prenom}، اقترب موعد الولادة: فكّري في حقيبة المستشفى وفي العودة إلى "
            "المنزل. يمكن لممرضة رعاية الأطفال أن تزوركِ. لإيقاف الرسائل: {lien_desinscription}"
        },
    },
    Stage.BIRTH_7: {
        "en": {
            "body": "Congratulations {prenom}! A PMI nurse can visit you at home, free of "
            "charge: {telephone_pmi}. STOP: {lien_desinscription}"
        },
        "ar": {
            "body": "مبروك {prenom}! يمكن لممرضة رعاية الأطفال من مركز PMI أن تزوركِ في المنزل "
            "مجانًا: {telephone_pmi}. لإيقاف الرسائل: {lien_desinscription}"
        },
    },
    Stage.EPNP: {
        "en": {
            "body": "Hello {prenom}, the early postnatal interview is there for you (weeks 4 to "
            "8). Ask your midwife about it. STOP: {lien_desinscription}"
        },
        "ar": {
            "body": "مرحبًا {prenom}، المقابلة المبكرة بعد الولادة متاحة لكِ (من الأسبوع 4 إلى 8). "
            "اسألي القابلة عنها. لإيقاف الرسائل: {lien_desinscription}"
        },
    },
    Stage.VACCINES: {
        "en": {
            "body": "Hello {prenom}, your baby's first vaccines are due at 2 months. Remember to "
            "make an appointment. STOP: {lien_desinscription}"
        },
        "ar": {
            "body": "مرحبًا {prenom}، اللقاحات الأولى لطفلكِ مقررة في عمر شهرين. لا تنسي أخذ "
            "موعد. لإيقاف الرسائل: {lien_desinscription}"
        },
    },
}
