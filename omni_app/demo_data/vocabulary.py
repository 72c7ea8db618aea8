"""Realistic Brazilian clinic data: names, phone area codes, services and conversation lines."""
from __future__ import annotations

FIRST_NAMES = (
    "Ana", "Maria", "Juliana", "Fernanda", "Patrícia", "Aline", "Camila", "Beatriz", "Larissa",
    "Gabriela", "Letícia", "Mariana", "Vanessa", "Renata", "Carolina", "Bruna", "Amanda",
    "Luana", "Débora", "Tatiane", "João", "José", "Carlos", "Paulo", "Lucas", "Pedro", "Rafael",
    "Marcos", "Gustavo", "Felipe", "Bruno", "Rodrigo", "Thiago", "Eduardo", "André", "Diego",
    "Leonardo", "Matheus", "Vinícius", "Gabriel", "Sérgio", "Otávio", "Márcia", "Cláudia",
    "Helena", "Alice", "Valentina", "Heloísa", "Lorena", "Lívia",
)
LAST_NAMES = (
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima",
    "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes",
    "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques",
    "Machado", "Mendes", "Freitas", "Cardoso", "Ramos", "Gonçalves", "Santana", "Teixeira",
    "Araújo", "Pinto", "Correia", "Cavalcanti", "Monteiro",
)
# São Paulo, Rio, BH, Curitiba, Porto Alegre, Brasília, Salvador, Recife, Fortaleza, Goiânia...
AREA_CODES = (11, 12, 13, 19, 21, 24, 27, 31, 41, 47, 48, 51, 61, 62, 71, 81, 85, 91, 92, 98)

SERVICES = (  # name, price (R$), minutes
    ("Consulta de avaliação", "150.00", 30), ("Limpeza dental", "250.00", 60),
    ("Clareamento dental", "900.00", 90), ("Restauração", "320.00", 60),
    ("Aplicação de toxina botulínica", "1200.00", 45), ("Preenchimento labial", "1500.00", 60),
    ("Manutenção de aparelho", "180.00", 30), ("Limpeza de pele", "220.00", 60),
)
TAGS = ("ortodontia", "clareamento", "retorno", "vip", "convênio", "estética", "indicação")
PAYMENT_METHODS = ("pix", "pix", "pix", "credit_card", "credit_card", "debit_card", "cash")

INBOUND_LINES = (
    "Oi, boa tarde! Gostaria de agendar uma avaliação.",
    "Olá! Vocês têm horário disponível na próxima semana?",
    "Qual o valor da {service}?",
    "Preciso remarcar minha consulta de {day}, pode ser?",
    "Vocês aceitam convênio?",
    "Bom dia! Confirmo minha presença amanhã.",
    "Estou com um pouco de sensibilidade depois do procedimento, é normal?",
    "Obrigada pelo atendimento, adorei o resultado! 😍",
    "Consigo parcelar no cartão?",
    "Qual o endereço da clínica?",
    "Posso levar minha filha junto?",
    "Não vou conseguir ir hoje, desculpa. Podemos remarcar?",
    "Vi o post de vocês no Instagram, quero saber mais sobre {service}.",
    "Ok, combinado!",
    "Vocês abrem aos sábados?",
)
OUTBOUND_LINES = (
    "Olá, {name}! Tudo bem? Temos horário na {day} às {hour}h. Pode ser?",
    "A {service} custa R$ {price}. Parcelamos em até 6x sem juros.",
    "Claro! Sua consulta foi remarcada para {day} às {hour}h.",
    "Atendemos alguns convênios, pode nos enviar a foto da carteirinha?",
    "É normal nos primeiros dias, mas se persistir nos avise, tá bom?",
    "Que alegria, {name}! Obrigada pelo carinho. 💙",
    "Estamos na Av. Paulista, 1000 — sala 52. Até breve!",
    "Funcionamos de segunda a sexta das 8h às 18h e sábado até 12h.",
    "Confirmado! Qualquer dúvida estamos à disposição.",
    "Sem problemas, {name}. Qual o melhor dia para você?",
)
DAYS = ("segunda", "terça", "quarta", "quinta", "sexta", "sábado")
FAILURE_ERRORS = ("n8n answered 502 Bad Gateway", "timeout after 10 s",
                  "WhatsApp: message outside the 24-hour window (131047)")
