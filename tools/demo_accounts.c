/* The demo accounts (see demo_accounts.h). */
#include <stdio.h>
#include <string.h>

#include "demo_accounts.h"

/* One of each role first, then more requesters. */
static const struct demo_account fixed[] = {
	{ .email = "citizen@demo.ecogosfond.kz", .name = "Айгерім Сәрсенбаева",
	  .role = "individual", .iin = "900101300017", .lang = "kk" },
	{ .email = "ngo@demo.ecogosfond.kz", .name = "Елена Петрова",
	  .role = "organisation", .bin = "020540003431",
	  .org = "ОО «Таза өлке»", .lang = "ru" },
	{ .email = "official@demo.ecogosfond.kz", .name = "Нұрлан Ахметов",
	  .role = "official", .holder = "mepr", .position = "head",
	  .lang = "kk" },
	{ .email = "clerk@demo.ecogosfond.kz", .name = "Дана Омарова",
	  .role = "clerk", .lang = "ru" },
	{ .email = "admin@demo.ecogosfond.kz", .name = "Администратор портала",
	  .role = "admin", .lang = "en" },
	{ .email = "erlan@demo.ecogosfond.kz", .name = "Ерлан Жұмабеков",
	  .role = "individual", .iin = "850307300124", .lang = "kk" },
	{ .email = "olga@demo.ecogosfond.kz", .name = "Ольга Ким",
	  .role = "individual", .iin = "921115400234", .lang = "ru" },
	{ .email = "dauren@demo.ecogosfond.kz", .name = "Дәурен Исаев",
	  .role = "individual", .iin = "780622350346", .lang = "kk" },
	{ .email = "svetlana@demo.ecogosfond.kz", .name = "Светлана Морозова",
	  .role = "individual", .iin = "880909450452", .lang = "ru" },
	{ .email = "ngo-pavlodar@demo.ecogosfond.kz", .name = "Андрей Павленко",
	  .role = "organisation", .bin = "010540456713",
	  .org = "ОФ «Экологический мониторинг Прииртышья»", .lang = "ru" },
	{ .email = "ngo-aral@demo.ecogosfond.kz", .name = "Гүлмира Жанәбілова",
	  .role = "organisation", .bin = "991140412316",
	  .org = "ҚБ «Арал болашағы»", .lang = "kk" },
	{ .email = "ngo-caspian@demo.ecogosfond.kz", .name = "Тимур Есжанов",
	  .role = "organisation", .bin = "120340455512",
	  .org = "ОЮЛ «Каспийский экологический союз»", .lang = "ru" },
};
#define NFIXED	(sizeof(fixed) / sizeof(fixed[0]))

/* The holders of the demo requests (by reference code): national bodies
 * and the regions of the demo's subjects. */
static const char *const holders[] = {
	"mepr", "mepr_cerc", "mepr_forestry", "iac", "kazhydromet",
	"ecodep_karaganda", "nrdep_karaganda", "ecodep_pavlodar",
	"ecodep_mangystau", "ecodep_almaty_city", "akimat_almaty_city",
	"ecodep_east_kazakhstan", "ecodep_kyzylorda", "ecodep_atyrau",
	"ecodep_astana", "akimat_astana", "ecodep_shymkent",
};
#define NHOLDERS	(sizeof(holders) / sizeof(holders[0]))

static const char *const positions[] = { "registrar", "executor", "head" };

static const char *const officials[] = {
	"Мәди Серікбаев", "Анна Лысенко", "Қайрат Омаров", "Жансая Төлеуова",
	"Виктор Шевченко", "Асель Мұхаметжанова", "Бақытжан Сағынов",
	"Людмила Гаврилова", "Айдос Рысбеков", "Динара Әлиева",
	"Николай Фёдоров", "Ботагөз Құрманова", "Руслан Ибраев",
	"Марина Тихонова", "Ержан Қасымов", "Әсем Бейсенова",
	"Павел Зайцев", "Ләззат Нұрпейісова", "Талғат Әбенов",
	"Юлия Карпенко", "Серік Дүйсенов", "Гүлжан Сейітова",
	"Владимир Богданов",
};
#define NOFFICIALS	(sizeof(officials) / sizeof(officials[0]))

const struct demo_account *
demo_account(size_t i, struct demo_account *buf, char email[64])
{
	size_t k, h, p;
	char *c;

	if (i < NFIXED)
		return &fixed[i];
	k = i - NFIXED;
	if (k >= NHOLDERS * 3)
		return NULL;
	h = k / 3;
	p = k % 3;
	/* The ministry's head is official@demo.ecogosfond.kz, above. */
	if (h == 0 && p == 2)
		return &fixed[2];
	snprintf(email, 64, "%s.%s@demo.ecogosfond.kz", positions[p],
	    holders[h]);
	for (c = email; *c != '@'; c++)
		if (*c == '_')
			*c = '-';
	memset(buf, 0, sizeof(*buf));
	buf->email = email;
	buf->name = officials[k % NOFFICIALS];
	buf->role = "official";
	buf->lang = p == 1 ? "ru" : "kk";
	buf->holder = holders[h];
	buf->position = positions[p];
	return buf;
}
